import MetroTrace

/// What importing several certificates into one dataset gives: one result per
/// certificate, and the addition to write as one new document — every accepted record,
/// with the items and labs the certificates created, each once.
public struct DCCBatch: Sendable {
    /// One result per certificate, in the order given.
    public var results: [DCCImportResult] = []
    /// The records of the certificates accepted, with the items and labs they created.
    public var addition = Dataset()
    /// The ids of the items and labs created from certificates: placeholders, which a
    /// dataset that has them already keeps instead (``DatasetAddition``).
    public var placeholders: Set<String> = []
    private var itemIDs: Set<String> = []
    private var labIDs: Set<String> = []

    /// An empty batch.
    public init() {}

    /// How many certificates were refused.
    public var refusedCount: Int { results.count { $0.isRefused } }

    /// Adds one certificate's result: its record (when accepted) and what it created,
    /// skipping items and labs that an earlier certificate of the batch created.
    public mutating func add(_ result: DCCImportResult) {
        results.append(result)
        guard let record = result.record else { return }
        addition.calibrations.append(record)
        for item in result.createdItems where itemIDs.insert(item.id).inserted {
            addition.items.append(item)
            placeholders.insert(item.id)
        }
        for lab in result.createdLabs where labIDs.insert(lab.id).inserted {
            addition.labs.append(lab)
            placeholders.insert(lab.id)
        }
    }
}

extension DCCImporter {
    /// Imports the certificates at `paths`, in order, into one batch.
    ///
    /// - Parameters:
    ///   - paths: the certificate files.
    ///   - each: called with each certificate's result as soon as it is known (to report
    ///     progress).
    public func importFiles(_ paths: [String], each: (DCCImportResult) -> Void = { _ in }) -> DCCBatch {
        var batch = DCCBatch()
        for path in paths {
            let result = importFile(path)
            each(result)
            batch.add(result)
        }
        return batch
    }
}
