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
        let records = merge(addition.calibrations, into: existing.calibrations, id: \.id)
        new.calibrations = records.new
        for id in records.different {
            problems.append(Diagnostic(.error, file: path, subject: "record \(id)", message:
                "the dataset already holds a different record with this id; a certificate id is unique, so the new one is refused"))
        }
        let labs = merge(addition.labs, into: existing.labs, id: \.id)
        new.labs = labs.new
        for id in labs.different where !replaceableEntities.contains(id) {
            problems.append(Diagnostic(.error, file: path, subject: "lab \(id)", message: "the dataset already holds a different lab with this id"))
        }
        let items = merge(addition.items, into: existing.items, id: \.id)
        new.items = items.new
        for id in items.different where !replaceableEntities.contains(id) {
            problems.append(Diagnostic(.error, file: path, subject: "item \(id)", message: "the dataset already holds a different item with this id"))
        }
        let skipped = records.identical
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

    /// Sorts `incoming` by whether an entity with its id is already there (in `existing`,
    /// or earlier in `incoming`): new ones in order, the ids of identical ones, and the ids
    /// of different ones.
    static func merge<Entity: Equatable>(_ incoming: [Entity], into existing: [Entity], id: (Entity) -> String)
        -> (new: [Entity], identical: [String], different: [String])
    {
        var known = Dictionary(existing.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        var result: (new: [Entity], identical: [String], different: [String]) = ([], [], [])
        for entity in incoming {
            let key = id(entity)
            if let old = known[key] {
                if old == entity { result.identical.append(key) } else { result.different.append(key) }
                continue
            }
            known[key] = entity
            result.new.append(entity)
        }
        return result
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
