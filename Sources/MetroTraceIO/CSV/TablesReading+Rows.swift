import Foundation
import MetroTrace

/// Reading the files of a folder of tables: each parsed, its header checked against the
/// table's columns, its rows handed out ready to read, child rows grouped by parent.
extension TablesReading {
    /// A CSV file that is no table of a dataset is reported, not silently left out.
    mutating func reportUnknownFiles() {
        let known = Set(DatasetTables.all.map(\.file))
        let names: [String]
        switch source {
        case .folder(let folder): names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        case .memory(_, let tables): names = Array(tables.keys)
        }
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") && !known.contains(name) {
            problems.append(
                Diagnostic(
                    .error, file: (directory as NSString).appendingPathComponent(name),
                    text: .key(
                        "diagnostic.csv.unknown-table", ("tables", .list(DatasetTables.all.map { .literal($0.file) }))))
            )
        }
    }

    func path(_ table: DatasetTables.Table) -> String {
        (directory as NSString).appendingPathComponent(table.file)
    }

    func origin(_ row: CSVRowReader) -> Origin {
        Origin(document: documentIndex[row.file] ?? -1, index: Int32(row.line), line: Int32(row.line))
    }

    /// The rows of `table`, each ready to read; none when the file is absent or broken
    /// (reported).
    mutating func rows(_ table: DatasetTables.Table) -> [CSVRowReader] {
        let file = path(table)
        let data: [UInt8]
        switch source {
        case .folder:
            guard FileManager.default.fileExists(atPath: file) else { return [] }
            do throws(RegularFile.Failure) {
                data = try RegularFile.read(file, maximumSize: DatasetLoader.maximumFileSize, what: "a table")
            } catch {
                problems.append(Diagnostic(.error, file: file, message: error.message))
                return []
            }
        case .memory(_, let tables):
            guard let bytes = tables[table.file] else { return [] }
            data = bytes
        }
        let parsed: CSVTable
        do throws(CSVTable.SyntaxError) {
            parsed = try CSVTable.parse(data)
        } catch {
            problems.append(
                Diagnostic(.error, file: file, line: error.line, column: error.column, text: error.text))
            return []
        }
        filesRead.append(file)
        documentIndex[file] = Int32(filesRead.count - 1)
        var columns: [String?] = []
        var seen: Set<String> = []
        for cell in parsed.header {
            let header = cell.text.trimmingCharacters(in: .whitespaces)
            let name = header.isEmpty ? nil : table.column(forHeader: header) ?? header
            if let name, !table.columns.contains(name) {
                let chinese = table.columns.compactMap { table.chinese[$0] }
                problems.append(
                    Diagnostic(
                        .error, file: file, line: cell.line, column: cell.column,
                        text: .joined(
                            [
                                .key(
                                    "diagnostic.csv.unknown-column", ("column", .literal(name)),
                                    ("table", .literal(table.file)),
                                    ("columns", .list(table.columns.map { .literal($0) }))),
                                chinese.isEmpty
                                    ? ""
                                    : .key(
                                        "diagnostic.csv.chinese-columns",
                                        ("columns", .literal(chinese.joined(separator: "、")))),
                            ])))
            } else if let name, !seen.insert(name).inserted {
                problems.append(
                    Diagnostic(
                        .error, file: file, line: cell.line, column: cell.column,
                        text: .key("diagnostic.csv.column-twice", ("column", .literal(name)))))
            }
            columns.append(name)
        }
        for missing in table.columns where table.required.contains(missing) && !seen.contains(missing) {
            problems.append(
                Diagnostic(
                    .error, file: file, line: 1,
                    text: .key("diagnostic.csv.column-missing", ("column", .literal(missing)))))
        }
        var readers: [CSVRowReader] = []
        for row in parsed.rows {
            if row.count > parsed.header.count, row[parsed.header.count...].contains(where: { !$0.text.isEmpty }) {
                let extra = row[parsed.header.count]
                problems.append(
                    Diagnostic(
                        .error, file: file, line: extra.line, column: extra.column,
                        text: .key("diagnostic.csv.extra-cells")))
                continue
            }
            readers.append(CSVRowReader(file: file, table: table, columns: columns, row: row))
        }
        return readers
    }

    /// The rows of a child table read by `read`, grouped by the parent id in `key`.
    mutating func children<Child>(
        _ table: DatasetTables.Table, key: String, read: (inout CSVRowReader) -> Child?
    ) -> ChildRows<Child> {
        var grouped = ChildRows<Child>()
        for row in rows(table) {
            var row = row
            guard let parent = row.text(key) else {
                problems += row.problems
                continue
            }
            row.subject = "\(key) \(parent)"
            let child = read(&row)
            problems += row.problems
            grouped.append(
                child, to: parent, at: row.cells[key] ?? CSVTable.Cell(text: parent, line: row.line, column: 1),
                file: row.file)
        }
        return grouped
    }

    mutating func report<Child>(orphans: ChildRows<Child>, parent: String, in table: DatasetTables.Table) {
        for (id, place) in orphans.remaining {
            problems.append(
                Diagnostic(
                    .error, file: place.file, line: place.cell.line, column: place.cell.column, path: parent,
                    text: .key("diagnostic.csv.orphan.\(parent)", ("id", .literal(id)), ("table", .literal(table.file)))
                ))
        }
    }

}

/// Child rows grouped by parent id, taken by the parent as it is read; what is left
/// names a parent that does not exist.
struct ChildRows<Child> {
    private var byParent: [String: (values: [Child], complete: Bool, cell: CSVTable.Cell, file: String)] = [:]

    mutating func append(_ child: Child?, to parent: String, at cell: CSVTable.Cell, file: String) {
        var entry = byParent[parent] ?? ([], true, cell, file)
        if let child { entry.values.append(child) } else { entry.complete = false }
        byParent[parent] = entry
    }

    /// The children of `parent` and whether every one of them could be read.
    mutating func take(_ parent: String) -> (values: [Child], complete: Bool) {
        guard let entry = byParent.removeValue(forKey: parent) else { return ([], true) }
        return (entry.values, entry.complete)
    }

    var remaining: [(String, (cell: CSVTable.Cell, file: String))] {
        byParent.map { ($0.key, ($0.value.cell, $0.value.file)) }.sorted { $0.1.cell.line < $1.1.cell.line }
    }
}
