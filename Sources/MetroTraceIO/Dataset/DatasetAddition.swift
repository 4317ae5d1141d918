import Foundation
import MetroTrace

/// Adding imported entities to a dataset folder without touching what is there: the
/// addition becomes a new document (`NN-import-LABEL.json`) after the folder's existing
/// ones; nothing the user loaded is rewritten.
///
/// A record whose id the dataset already has is skipped when identical and refused when
/// it differs; a lab or item already there is kept as it is (the dataset's entry wins
/// over one created by an import) unless the addition states it differently in full
/// (then it is refused). The combined dataset must load without errors.
public enum DatasetAddition {
    /// What an addition did.
    public struct Outcome: Sendable {
        /// The document written; nil when there was nothing new to add.
        public var file: String?
        /// Records skipped because the dataset already holds them, identical.
        public var skippedRecords: [String]
        /// Warnings from loading the combined dataset.
        public var warnings: DiagnosticLog
    }

    /// Adds `addition` to the dataset folder at `path` (created when missing).
    /// - Parameter replaceableEntities: ids of labs and items the addition created only
    ///   as placeholders; the dataset's own entries win over them without complaint.
    /// - Throws: ``DatasetError`` when the folder cannot hold it, a record id clashes, or
    ///   the combined dataset has errors; nothing is written then.
    public static func add(
        _ addition: Dataset, to path: String, label: String, replaceableEntities: Set<String> = []
    ) throws(DatasetError) -> Outcome {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw DatasetError(log: DiagnosticLog([Diagnostic(.error, file: path, message:
                "imports add a new document to a dataset folder, and this is a file; move it into a folder and import into that")]))
        }
        let hasDocuments = exists && ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).contains { $0.lowercased().hasSuffix(".json") }
        // A JSON document added to a folder of tables would make the loader read the
        // document and no longer the tables.
        if exists && !hasDocuments && DatasetTablesReader.holdsTables(path) {
            throw DatasetError(log: DiagnosticLog([Diagnostic(.error, file: path, message:
                "this folder holds spreadsheet tables; import them into a dataset folder first (metrotrace import csv \(path) --into DATASET) and add to that")]))
        }
        let existing = hasDocuments ? try DatasetLoader.readDataset(path).dataset : Dataset()
        var problems: [Diagnostic] = []
        var new = Dataset(name: existing.name.isEmpty ? addition.name : "", quantities: addition.quantities.filter { kind in
            !existing.quantities.contains { $0.name == kind.name }
        })
        var skipped: [String] = []
        let existingRecords = Dictionary(existing.calibrations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var added: [String: CalibrationRecord] = [:]
        for record in addition.calibrations {
            if let old = existingRecords[record.id] ?? added[record.id] {
                if old == record {
                    skipped.append(record.id)
                } else {
                    problems.append(Diagnostic(.error, file: path, subject: "record \(record.id)", message:
                        "the dataset already holds a different record with this id; a certificate id is unique, so the new one is refused"))
                }
                continue
            }
            added[record.id] = record
            new.calibrations.append(record)
        }
        for lab in addition.labs {
            if let old = existing.labs.first(where: { $0.id == lab.id }) ?? new.labs.first(where: { $0.id == lab.id }) {
                if old != lab && !replaceableEntities.contains(lab.id) {
                    problems.append(Diagnostic(.error, file: path, subject: "lab \(lab.id)", message:
                        "the dataset already holds a different lab with this id"))
                }
                continue
            }
            new.labs.append(lab)
        }
        for item in addition.items {
            if let old = existing.items.first(where: { $0.id == item.id }) ?? new.items.first(where: { $0.id == item.id }) {
                if old != item && !replaceableEntities.contains(item.id) {
                    problems.append(Diagnostic(.error, file: path, subject: "item \(item.id)", message:
                        "the dataset already holds a different item with this id"))
                }
                continue
            }
            new.items.append(item)
        }
        guard problems.isEmpty else { throw DatasetError(log: DiagnosticLog(problems)) }
        guard !(new.labs.isEmpty && new.items.isEmpty && new.calibrations.isEmpty && new.quantities.isEmpty) else {
            return Outcome(file: nil, skippedRecords: skipped, warnings: DiagnosticLog([]))
        }
        let file = (path as NSString).appendingPathComponent(documentName(in: path, label: label))
        let text = DatasetJSON.document(new, description: "added by metrotrace import (\(label))")
        // The combined dataset must load: check before writing anything.
        var builder = NetworkBuilder()
        if hasDocuments { DatasetLoader.read(path, into: &builder) }
        DatasetLoader.read(bytes: Array(text.utf8), named: file, into: &builder)
        _ = try builder.build()
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .withoutOverwriting)
        } catch {
            throw DatasetError(log: DiagnosticLog([Diagnostic(.error, file: file, message: "cannot write: \(error.localizedDescription)")]))
        }
        return Outcome(file: file, skippedRecords: skipped, warnings: builder.log)
    }

    /// `NN-import-LABEL.json`, numbered after the folder's documents and never an
    /// existing name.
    static func documentName(in path: String, label: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let highest = names.compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
        let safeLabel = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.prefix(40))
        var number = highest + 1
        while true {
            let name = String(format: "%02d-import-%@.json", number, safeLabel)
            if !names.contains(name) { return name }
            number += 1
        }
    }
}
