/// An item's whole history: every record in date order with its status when it came
/// into force, the item's status events, and the records that stood on each of its
/// records (who used it, when) — what `metrotrace history` shows.
public struct ItemHistory: Sendable {
    /// One record of the item.
    public struct Entry: Sendable {
        /// The record.
        public let record: RecordIndex
        /// Its due date (stated, or after the policy's interval); nil: it never expires.
        public let due: Day?
        /// The last day it was in force: the day before the item's next record, or nil
        /// while it is the latest. Equal to the day before its own date when a later
        /// record of the same day superseded it at once.
        public let inForceUntil: Day?
        /// The item's status on the record's date, through this record (its own findings
        /// and everything upstream, judged at that date).
        public let status: Status
        /// The findings behind that status (warnings and errors).
        public let findings: [Finding]
        /// The records that used the item while this record was in force, in date order.
        public let usedBy: [RecordIndex]
    }

    /// The item.
    public let item: ItemIndex
    /// Its status events, in date order.
    public let events: [StatusEvent]
    /// Its records, in date order (same-day records as the dataset gives them).
    public let entries: [Entry]
}

extension TraceabilityAnalysis {
    /// The history of `item`.
    ///
    /// - Complexity: O(r) over every reference of the network, to find the records
    ///   that used the item, plus a chain per record of the item.
    public func history(of item: ItemIndex) -> ItemHistory {
        let records = Array(network.records(of: item))
        var users: [RecordIndex: [RecordIndex]] = [:]
        let own = Set(records)
        for user in network.recordIndices {
            for reference in network.referenceRows(of: user) where reference.item == item {
                if case .record(let used) = network.resolve(reference, of: user), own.contains(used) {
                    users[used, default: []].append(user)
                }
            }
        }
        let entries = records.enumerated().map { position, record -> ItemHistory.Entry in
            let date = network.date(of: record)
            let next = position + 1 < records.count ? network.date(of: records[position + 1]) : nil
            let chain = self.chain(of: item, at: date)
            let status: Status
            let findings: [Finding]
            if chain.record == record {
                status = chain.status
                var seen = Set<Finding>()
                findings = chain.findings.filter { $0.severity != .info && seen.insert($0).inserted }
            } else {
                // Superseded the same day (as found, then as left): never in force.
                status = isSound(record) && network.verdict(of: record) != .fail ? .valid : .broken
                findings = renderMergingPoints(ownFindings(record)).filter { $0.severity != .info }
            }
            return ItemHistory.Entry(
                record: record, due: due(of: record), inForceUntil: next.map { $0.advanced(by: -1) },
                status: status, findings: findings,
                usedBy: (users[record] ?? []).sorted { network.date(of: $0) < network.date(of: $1) })
        }
        return ItemHistory(item: item, events: network.events(of: item), entries: entries)
    }
}
