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
    ///
    /// The folder's lock (``DatasetFolderLock``) is held from reading the dataset until
    /// the new document has its name, and the document is written atomically
    /// (``AtomicFile``): a concurrent import waits, a killed one leaves the folder as it
    /// was.
    ///
    /// - Parameters:
    ///   - addition: the labs, items and records to add.
    ///   - path: the dataset folder.
    ///   - label: the word in the new document's name (`NN-import-LABEL.json`).
    ///   - replaceableEntities: ids of labs and items the addition created only as
    ///     placeholders; the dataset's own entries win over them without complaint.
    ///   - places: where the addition's entities were read from, by subject (`item X`):
    ///     a problem the merged dataset has with one of them names that file and line
    ///     (a spreadsheet row), not the document that was never written.
    ///   - lock: the folder's lock when the caller already holds it (it read the dataset
    ///     to build the addition); otherwise it is taken here.
    /// - Throws: `DatasetError` when the folder cannot hold it, a record id clashes, or
    ///   the combined dataset has errors; nothing is written then.
    public static func add(
        _ addition: Dataset, to path: String, label: String, replaceableEntities: Set<String> = [],
        places: [String: (file: String, line: Int)] = [:], lock: DatasetFolderLock? = nil
    ) throws(DatasetError) -> Outcome {
        let held: DatasetFolderLock
        if let lock { held = lock } else { held = try DatasetFolderLock.acquire(path) }
        defer { if lock == nil { held.release() } }
        precondition(held.folder == path, "the lock held is that of another folder")
        // A spreadsheet folder is read as tables; a document added to it would be refused.
        if DatasetTablesReader.holdsTables(path) {
            throw DatasetError(
                log: DiagnosticLog([
                    Diagnostic(
                        .error, file: path,
                        message:
                            "this folder holds spreadsheet tables; import them into a dataset folder first (metrotrace import csv \(path) --into DATASET) and add to that"
                    )
                ]))
        }
        removeLeftovers(in: path)
        let hasDocuments = ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).contains {
            $0.lowercased().hasSuffix(".json") && !($0 as NSString).lastPathComponent.hasPrefix(".")
        }
        let existing = hasDocuments ? try DatasetLoader.readDataset(path).dataset : Dataset()
        let (new, skipped) = try novelty(
            of: addition, over: existing, at: path, replaceableEntities: replaceableEntities)
        guard !(new.labs.isEmpty && new.items.isEmpty && new.calibrations.isEmpty && new.quantities.isEmpty) else {
            return Outcome(file: nil, skippedRecords: skipped, warnings: DiagnosticLog([]))
        }
        let file = (path as NSString).appendingPathComponent(documentName(in: path, label: label))
        let text = DatasetJSON.document(new, description: "added by metrotrace import (\(label))")
        // The combined dataset must load: check before writing anything.
        var builder = NetworkBuilder()
        if hasDocuments { DatasetLoader.read(path, into: &builder) }
        DatasetLoader.read(bytes: Array(text.utf8), named: file, into: &builder)
        do {
            _ = try builder.build()
        } catch {
            throw DatasetError(log: DiagnosticLog(error.log.diagnostics.map { relocated($0, from: file, to: places) }))
        }
        do throws(AtomicFile.Failure) {
            try AtomicFile.create(file, bytes: text.utf8)
        } catch {
            throw DatasetError(
                log: DiagnosticLog([Diagnostic(.error, file: file, message: "cannot write: \(error.message)")]))
        }
        return Outcome(file: file, skippedRecords: skipped, warnings: builder.log)
    }

    /// What of `addition` is new over `existing`: its records, labs, items and declared
    /// quantities whose ids `existing` does not have, and the ids of its records that
    /// `existing` holds identical (skipped). A lab or item `existing` has is kept as it
    /// is; the addition's differing version is refused unless its id is one of
    /// `replaceableEntities` (a placeholder an import made).
    ///
    /// - Throws: `DatasetError` naming `place` and each record, lab or item that differs.
    public static func novelty(
        of addition: Dataset, over existing: Dataset, at place: String, replaceableEntities: Set<String> = []
    ) throws(DatasetError) -> (new: Dataset, skippedRecords: [String]) {
        let path = place
        var problems: [Diagnostic] = []
        var new = Dataset(
            name: existing.name.isEmpty ? addition.name : "",
            quantities: addition.quantities.filter { kind in
                !existing.quantities.contains { $0.name == kind.name }
            })
        let records = merge(addition.calibrations, into: existing.calibrations, id: \.id)
        new.calibrations = records.new
        for id in records.different {
            problems.append(
                Diagnostic(
                    .error, file: path, subject: "record \(id)",
                    text: .key("diagnostic.addition.different-record")
                ))
        }
        let labs = merge(addition.labs, into: existing.labs, id: \.id)
        new.labs = labs.new
        for id in labs.different where !replaceableEntities.contains(id) {
            problems.append(
                Diagnostic(
                    .error, file: path, subject: "lab \(id)",
                    text: .key("diagnostic.addition.different-lab")))
        }
        let items = merge(addition.items, into: existing.items, id: \.id)
        new.items = items.new
        for id in items.different where !replaceableEntities.contains(id) {
            problems.append(
                Diagnostic(
                    .error, file: path, subject: "item \(id)",
                    text: .key("diagnostic.addition.different-item")))
        }
        guard problems.isEmpty else { throw DatasetError(log: DiagnosticLog(problems)) }
        return (new, records.identical)
    }

    /// A problem found in the document not yet written, moved to where its entity was
    /// read from: that file and line, the field named by its last part (`lab` for
    /// `items[1].lab`).
    static func relocated(
        _ diagnostic: Diagnostic, from document: String, to places: [String: (file: String, line: Int)]
    ) -> Diagnostic {
        guard diagnostic.file == document, let subject = diagnostic.subject, let place = places[subject] else {
            return diagnostic
        }
        var moved = diagnostic
        moved.file = place.file
        moved.line = place.line > 0 ? place.line : nil
        moved.column = nil
        if let field = diagnostic.path.split(separator: ".").last, !field.contains("[") {
            moved.path = String(field)
        }
        return moved
    }

    /// Removes the temporary files a killed import left in the folder (the caller holds
    /// its lock, so no writer is using them).
    static func removeLeftovers(in folder: String) {
        for name in AtomicFile.entries(of: folder) ?? [] where AtomicFile.isTemporary(name) {
            unlink((folder as NSString).appendingPathComponent(name))
        }
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
