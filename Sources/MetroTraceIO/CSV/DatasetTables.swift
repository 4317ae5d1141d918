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
        /// The Chinese header of each column (`编号` for `id`): what `export csv --lang
        /// zh-Hans` writes and what import accepts in place of the English one.
        public var chinese: [String: String] = [:]

        /// Other Chinese headers accepted on import, for every table that has the column.
        static let synonyms: [String: [String]] = [
            "id": ["编号"], "item": ["器具", "计量器具编号"], "record": ["记录编号", "证书号"],
            "date": ["检定日期", "校准日期"], "due": ["有效期", "下次检定日期", "下次校准日期"],
            "procedure": ["检定规程", "校准规范", "技术依据"], "verdict": ["检定结论"],
            "serial": ["出厂号"], "manufacturer": ["生产厂家", "制造单位"], "model": ["型号规格"],
        ]

        /// The column a header names: the English name itself, its Chinese header or a
        /// Chinese synonym; nil for a header the table does not have.
        public func column(forHeader header: String) -> String? {
            if columns.contains(header) { return header }
            if let match = chinese.first(where: { $0.value == header }) { return match.key }
            return columns.first { Self.synonyms[$0]?.contains(header) == true }
        }

        /// The header of `column` in `language`.
        public func header(_ column: String, in language: Language) -> String {
            language == .simplifiedChinese ? chinese[column] ?? column : column
        }
    }

    // The tables, one per entity; child tables name their parent in their first column.
    public static let dataset = Table(
        file: "dataset.csv", columns: ["name"], required: [],
        chinese: ["name": "名称"])
    public static let quantities = Table(
        file: "quantities.csv", columns: ["name", "unit"], required: ["name", "unit"],
        chinese: ["name": "量的名称", "unit": "单位"])
    public static let labs = Table(
        file: "labs.csv", columns: ["id", "name", "kind", "industry"], required: ["id", "name", "kind"],
        chinese: ["id": "编号", "name": "名称", "kind": "类型", "industry": "行业"])
    public static let accreditations = Table(
        file: "accreditations.csv", columns: ["lab", "scheme", "id", "from", "to"], required: ["lab", "scheme"],
        chinese: ["lab": "实验室", "scheme": "认可体系", "id": "证书编号", "from": "起始日期", "to": "截止日期"])
    public static let capabilities = Table(
        file: "capabilities.csv",
        columns: [
            "lab", "quantity", "activity", "lower", "upper", "cmc_absolute", "cmc_relative", "cmc_k", "cmc_combine",
            "from", "to",
        ],
        required: ["lab", "quantity", "activity", "lower", "upper"],
        chinese: [
            "lab": "实验室", "quantity": "量", "activity": "项目类型", "lower": "测量范围下限", "upper": "测量范围上限",
            "cmc_absolute": "CMC绝对值", "cmc_relative": "CMC相对值", "cmc_k": "CMC包含因子", "cmc_combine": "CMC合成方式",
            "from": "起始日期", "to": "截止日期",
        ])
    public static let items = Table(
        file: "items.csv",
        columns: [
            "id", "name", "kind", "quantity", "unit", "lab", "lower", "upper", "class", "serial",
            "tolerance_absolute", "tolerance_relative", "drift_per_year", "model", "manufacturer", "asset_tag",
            "compulsory",
        ],
        required: ["id", "name", "kind", "quantity", "unit"],
        chinese: [
            "id": "编号", "name": "名称", "kind": "类别", "quantity": "量", "unit": "单位", "lab": "所属单位", "lower": "测量范围下限",
            "upper": "测量范围上限", "class": "准确度等级", "serial": "出厂编号", "tolerance_absolute": "最大允许误差",
            "tolerance_relative": "相对最大允许误差", "drift_per_year": "年漂移", "model": "型号", "manufacturer": "制造厂",
            "asset_tag": "管理编号", "compulsory": "强制检定",
        ])
    public static let recognitions = Table(
        file: "recognitions.csv", columns: ["item", "scheme", "from", "to"], required: ["item", "scheme"],
        chinese: ["item": "器具编号", "scheme": "承认体系", "from": "起始日期", "to": "截止日期"])
    public static let realisedUncertainty = Table(
        file: "realised-uncertainty.csv", columns: ["item", "nominal", "U", "k", "coverage", "dof"],
        required: ["item", "nominal", "U"],
        chinese: ["item": "器具编号", "nominal": "标称值", "U": "扩展不确定度", "k": "包含因子", "coverage": "包含概率", "dof": "自由度"])
    public static let events = Table(
        file: "events.csv", columns: ["item", "date", "state"], required: ["item", "date", "state"],
        chinese: ["item": "器具编号", "date": "日期", "state": "状态"])
    public static let calibrations = Table(
        file: "calibrations.csv",
        columns: ["id", "activity", "item", "lab", "date", "due", "procedure", "verdict", "source"],
        required: ["id", "activity", "item", "lab", "date"],
        chinese: [
            "id": "证书编号", "activity": "类型", "item": "器具编号", "lab": "检定/校准单位", "date": "日期", "due": "有效期至",
            "procedure": "依据", "verdict": "结论", "source": "来源",
        ])
    public static let references = Table(
        file: "references.csv", columns: ["record", "item", "at", "sensitivity"], required: ["record", "item", "at"],
        chinese: ["record": "证书编号", "item": "所用标准", "at": "使用点", "sensitivity": "灵敏系数"])
    public static let points = Table(
        file: "points.csv", columns: ["record", "nominal", "value", "U", "k", "coverage", "dof"],
        required: ["record", "nominal"],
        chinese: [
            "record": "证书编号", "nominal": "标称值", "value": "测量值", "U": "扩展不确定度", "k": "包含因子", "coverage": "包含概率",
            "dof": "自由度",
        ])
    public static let budget = Table(
        file: "budget.csv",
        columns: ["record", "name", "u", "half_width", "distribution", "dof", "type", "sensitivity"],
        required: ["record", "name"],
        chinese: [
            "record": "证书编号", "name": "分量名称", "u": "标准不确定度", "half_width": "半宽", "distribution": "分布", "dof": "自由度",
            "type": "评定类型", "sensitivity": "灵敏系数",
        ])

    /// Every table, parents before children.
    public static let all: [Table] = [
        dataset, quantities, labs, accreditations, capabilities, items, recognitions, realisedUncertainty,
        events, calibrations, references, points, budget,
    ]

    /// The tables of `dataset`, each as CSV text (UTF-8 with a byte-order mark, CRLF),
    /// keyed by file name. Every table is written, empty ones with their header only.
    public static func write(_ dataset: Dataset, headers language: Language = .english) -> [String: String] {
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
                    "drift_per_year": item.driftPerYear?.description, "model": item.model,
                    "manufacturer": item.manufacturer, "asset_tag": item.assetTag,
                    "compulsory": item.compulsory ? "true" : nil,
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
            files[table.file] = CSVTable.write(
                header: table.columns.map { table.header($0, in: language) }, rows: rows[table.file] ?? [])
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
