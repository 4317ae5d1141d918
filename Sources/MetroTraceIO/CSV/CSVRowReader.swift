import MetroTrace

/// Reads the typed cells of one CSV row, collecting what is wrong with each as a
/// diagnostic naming file, line and column.
struct CSVRowReader {
    let file: String
    let table: DatasetTables.Table
    let cells: [String: CSVTable.Cell]
    /// Where the row starts.
    let line: Int
    var subject: String?
    private(set) var problems: [Diagnostic] = []

    init(file: String, table: DatasetTables.Table, columns: [String?], row: [CSVTable.Cell]) {
        self.file = file
        self.table = table
        var cells: [String: CSVTable.Cell] = [:]
        for (column, cell) in zip(columns, row) {
            if let column { cells[column] = cell }
        }
        self.cells = cells
        self.line = row.first?.line ?? 0
    }

    var hasErrors: Bool { !problems.isEmpty }

    mutating func report(_ column: String, _ message: LocalizedText) {
        let cell = cells[column]
        problems.append(
            Diagnostic(
                .error, file: file, line: cell?.line ?? line, column: cell?.column,
                path: column, subject: subject, text: message))
    }

    /// The text of `column` (trimmed unless quoted: a spreadsheet's stray spaces go, a
    /// quoted field is kept as written; the apostrophe that keeps a formula-like cell as
    /// text removed), or nil when it is empty (reported when required).
    mutating func text(_ column: String) -> String? {
        let text =
            cells[column].map { CSVTable.restored($0.quoted ? $0.text : $0.text.trimmingCharacters(in: .whitespaces)) }
            ?? ""
        if text.isEmpty {
            if table.required.contains(column) { report(column, .key("diagnostic.csv.value-required")) }
            return nil
        }
        return text
    }

    /// Whether `column` holds anything, read or not (nothing is reported).
    func isGiven(_ column: String) -> Bool {
        guard let cell = cells[column] else { return false }
        return !CSVTable.restored(cell.quoted ? cell.text : cell.text.trimmingCharacters(in: .whitespaces)).isEmpty
    }

    /// A yes/no cell: `true`/`false`, `yes`/`no`, `1`/`0`, `是`/`否` (case-insensitive);
    /// nil when empty.
    mutating func flag(_ column: String) -> Bool? {
        guard let text = text(column) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "y", "1", "是": return true
        case "false", "no", "n", "0", "否": return false
        default:
            report(column, .key("diagnostic.csv.not-yes-no", ("text", .literal(text))))
            return nil
        }
    }

    mutating func day(_ column: String) -> Day? {
        guard let text = text(column) else { return nil }
        guard let day = Day(iso: text) else {
            report(column, .key("diagnostic.date.invalid", ("text", .literal(text))))
            return nil
        }
        guard day >= Day.earliest, day <= Day.latest else {
            report(
                column,
                .key(
                    "diagnostic.date.implausible", ("date", .literal("\(day)")),
                    ("earliest", .literal("\(Day.earliest)")), ("latest", .literal("\(Day.latest)"))))
            return nil
        }
        return day
    }

    mutating func window() -> DateWindow {
        DateWindow(from: day("from"), to: day("to"))
    }

    mutating func quantity(_ column: String, _ scale: ValueScale) -> QuantityValue? {
        guard let text = text(column) else { return nil }
        do throws(UnitError) {
            return try QuantityValue.parse(text, scale: scale)
        } catch {
            report(column, error.text)
            return nil
        }
    }

    mutating func number(_ column: String) -> Double? {
        guard let text = text(column) else { return nil }
        guard let number = Double(text), number.isFinite else {
            report(column, .key("diagnostic.csv.not-a-number", ("text", .literal(text))))
            return nil
        }
        return number
    }

    /// A pure number, also written with `%` or `ppm`.
    mutating func ratio(_ column: String) -> Double? {
        guard let value = quantity(column, .interval) else { return nil }
        guard value.dimension.isDimensionless else {
            report(
                column,
                .key(
                    "diagnostic.value.not-pure-number", ("value", .literal("\(value)")),
                    ("dimension", value.dimension.explainedText)))
            return nil
        }
        return value.si
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ column: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard let text = text(column) else { return nil }
        guard let value = E(rawValue: text) else {
            report(
                column,
                .key(
                    "diagnostic.value.unknown-choice", ("text", .literal(text)),
                    ("allowed", .list(E.allCases.map { .literal("\"\($0.rawValue)\"") }))))
            return nil
        }
        return value
    }

    mutating func range() -> QuantityRange? {
        let lower = quantity("lower", .absolute)
        let upper = quantity("upper", .absolute)
        switch (lower, upper) {
        case (let lower?, let upper?): return QuantityRange(lower, upper)
        case (nil, nil): return nil
        default:
            if !hasErrors { report(lower == nil ? "lower" : "upper", .key("diagnostic.csv.range-both")) }
            return nil
        }
    }

    /// `U` with `k`, `coverage` and `dof`, or nil when `U` is empty.
    mutating func expandedUncertainty() -> ExpandedUncertainty? {
        let given = isGiven("U")
        let expanded = quantity("U", .interval)
        let k = number("k"), coverage = ratio("coverage"), dof = number("dof")
        switch ExpandedUncertaintyRule.expanded(givenU: given, value: expanded, k: k, coverage: coverage, dof: dof) {
        case .success(let stated): return stated
        case .failure(let problem):
            report(problem.field, problem.text)
            return nil
        }
    }
}
