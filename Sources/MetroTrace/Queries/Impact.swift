/// Reverse traceability for one standard found out of tolerance: every record that used
/// it between its last good calibration and the finding, and every record that used an
/// item calibrated by an affected record while that record was in force (until the item's
/// next calibration that is not itself affected), with the items they belong to.
public struct Impact: Sendable, Codable {
    /// A record whose result may be wrong.
    public struct AffectedRecord: Sendable, Hashable, Codable {
        public let record: RecordIndex
        /// The calibrated item.
        public let item: ItemIndex
        /// 1 for a record that used the standard itself, 2 for one that used an item
        /// calibrated at depth 1, and so on.
        public let depth: Int
        /// The affected record it stood on, or nil when it used the standard directly.
        public let via: RecordIndex?
    }

    /// An item with affected records.
    public struct AffectedItem: Sendable, Hashable, Codable {
        public let item: ItemIndex
        /// The smallest depth of its affected records.
        public let depth: Int
        /// Its affected records, in date order.
        public let records: [RecordIndex]
        /// Whether its record in force at the query date is affected.
        public let stillAffected: Bool
    }

    /// The standard found out of tolerance.
    public let standard: ItemIndex
    /// The day it was found out of tolerance.
    public let foundOn: Day
    /// Its last good calibration (or return to service) before that day; nil when it had
    /// none, so that every earlier use is affected.
    public let lastGood: Day?
    /// The query date for ``AffectedItem/stillAffected``.
    public let at: Day
    /// Every affected record, in date order.
    public let records: [AffectedRecord]
    /// Every item with an affected record, by depth, then in the order of their first
    /// affected record.
    public let items: [AffectedItem]
}

extension TraceabilityAnalysis {
    /// What a standard found out of tolerance on `found` puts in doubt (ISO/IEC
    /// 17025:2017 §7.10: evaluate the impact on earlier results).
    ///
    /// The last good calibration is the one the analysis finds for suspect
    /// records: the latest sound record without a fail verdict dated before the finding,
    /// or a later return to service.
    ///
    /// - Complexity: O(n·r) for the n records dated from the last good calibration on,
    ///   with r references each: one pass, as records are numbered in date order and a
    ///   record's references are resolved to records numbered before it.
    public func impact(of standard: ItemIndex, foundOutOfToleranceAt found: Day, at day: Day) -> Impact {
        let good = lastGood(standard, before: found)
        let lastGood: Day? = good.ordinal == Int32.min ? nil : good
        let first = network.firstRecord(onOrAfter: lastGood ?? Day(ordinal: Int32.min))
        let count = network.recordCount - first
        // Depth per record from `first` on (0: not affected).
        var depth = [UInt16](repeating: 0, count: count)
        var affected: [Impact.AffectedRecord] = []
        for offset in 0..<count {
            let record = RecordIndex(Int32(first + offset))
            let date = network.recordDate[first + offset]
            var best: UInt16 = 0
            var through: Int32 = -1
            for reference in network.referenceRows(of: record) {
                if reference.item == standard {
                    if date >= good && date <= found && (best == 0 || best > 1) {
                        best = 1
                        through = -1
                    }
                    continue
                }
                let used = Int(reference.used) - first
                guard reference.used >= 0, used >= 0, depth[used] > 0 else { continue }
                if case .cycle = network.resolve(reference, of: record) { continue }
                if best == 0 || depth[used] + 1 < best {
                    best = depth[used] &+ 1
                    through = reference.used
                }
            }
            guard best > 0 else { continue }
            depth[offset] = best
            affected.append(
                Impact.AffectedRecord(
                    record: record, item: network.recordItem[first + offset], depth: Int(best),
                    via: through < 0 ? nil : RecordIndex(through)))
        }
        return Impact(
            standard: standard, foundOn: found, lastGood: lastGood, at: day, records: affected,
            items: affectedItems(
                affected, at: day,
                isAffected: { record in
                    record.int >= first && depth[record.int - first] > 0
                }))
    }

    /// The items of `records`, each with its records and whether its record in force at
    /// `day` is affected; by depth, then in the order of their first affected record.
    ///
    /// Dense per-item arrays rather than dictionaries: a national standard reaches
    /// hundreds of thousands of items.
    func affectedItems(_ records: [Impact.AffectedRecord], at day: Day, isAffected: (RecordIndex) -> Bool)
        -> [Impact.AffectedItem]
    {
        var slot = [Int32](repeating: -1, count: network.itemCount)
        var items: [ItemIndex] = []
        var depths: [Int] = []
        var counts: [Int32] = []
        for record in records {
            let position = slot[record.item.int]
            if position < 0 {
                slot[record.item.int] = Int32(items.count)
                items.append(record.item)
                depths.append(record.depth)
                counts.append(1)
            } else {
                depths[Int(position)] = min(depths[Int(position)], record.depth)
                counts[Int(position)] += 1
            }
        }
        var grouped = [[RecordIndex]](repeating: [], count: items.count)
        for (position, count) in counts.enumerated() { grouped[position].reserveCapacity(Int(count)) }
        for record in records { grouped[Int(slot[record.item.int])].append(record.record) }
        var byDepth: [[Impact.AffectedItem]] = []
        for (position, item) in items.enumerated() {
            let depth = depths[position]
            while byDepth.count < depth { byDepth.append([]) }
            let inForce = network.recordInForce(item, at: day)
            byDepth[depth - 1].append(
                Impact.AffectedItem(
                    item: item, depth: depth, records: grouped[position],
                    stillAffected: inForce.map(isAffected) ?? false))
        }
        return Array(byDepth.joined())
    }
}

extension Network {
    /// What a standard found out of tolerance on `found` puts in doubt; see
    /// ``TraceabilityAnalysis/impact(of:foundOutOfToleranceAt:at:)``.
    public func impact(
        of standard: ItemIndex, foundOutOfToleranceAt found: Day, at day: Day? = nil,
        policy: Policy = Policy()
    ) -> Impact {
        analysis(policy: policy).impact(of: standard, foundOutOfToleranceAt: found, at: day ?? found)
    }

    /// The last day on or before `day` that `item` was recorded out of tolerance (a
    /// status event), if any.
    public func lastOutOfTolerance(of item: ItemIndex, onOrBefore day: Day) -> Day? {
        eventRows(of: item).last { $0.state == .outOfTolerance && $0.day <= day }?.day
    }

    /// The first record dated on or after `day` (records are numbered in date order).
    func firstRecord(onOrAfter day: Day) -> Int {
        firstPosition(in: 0..<recordCount) { recordDate[$0] >= day }
    }
}
