import MetroTrace
import MetroTraceIO

/// A revision's change as it is stored: its added and corrected entities as dataset
/// documents (format v1, written by ``DatasetJSON``; empty when there are none) and the
/// entities it voids.
public struct RevisionContent: Hashable, Sendable {
    /// The version of this layout, part of every revision's hashed content.
    public static let formatVersion = 1

    /// The dataset document of the new entities (compact), or empty.
    public var added: String
    /// The dataset document of the new versions, or empty.
    public var corrected: String
    /// The entities withdrawn.
    public var voided: [EntityReference]

    /// The content as stored.
    public init(added: String, corrected: String, voided: [EntityReference]) {
        self.added = added
        self.corrected = corrected
        self.voided = voided
    }

    /// The content of a change.
    public init(_ change: RevisionChange) {
        added = change.added.isEmpty ? "" : DatasetJSON.document(change.added, pretty: false)
        corrected = change.corrected.isEmpty ? "" : DatasetJSON.document(change.corrected, pretty: false)
        voided = change.voided
    }

    /// The change the documents hold, read as a dataset is read.
    ///
    /// - Throws: `DatasetError` when a document cannot be read (a store altered behind
    ///   MetroTrace's back; `db verify` names the revision).
    public func change(revision: Int) throws(DatasetError) -> RevisionChange {
        func read(_ document: String, _ part: String) throws(DatasetError) -> Dataset {
            guard !document.isEmpty else { return Dataset() }
            var collector = DatasetCollector()
            DatasetLoader.read(bytes: Array(document.utf8), named: "revision \(revision) (\(part))", into: &collector)
            if collector.log.hasErrors { throw DatasetError(log: collector.log) }
            return collector.dataset
        }
        return RevisionChange(
            added: try read(added, "added"), corrected: try read(corrected, "corrected"), voided: voided)
    }
}
