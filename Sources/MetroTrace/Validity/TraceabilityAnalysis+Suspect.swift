extension TraceabilityAnalysis {
    /// Reverse traceability (DESIGN.md, *Valid at D*): a standard found out of tolerance
    /// on day F makes suspect every record that used it on a day in [G, F], G being its
    /// last good calibration before F, and transitively every record that used a
    /// suspect record. Each record gets the earliest F that makes it suspect; at a query
    /// date D it is suspect when that F ≤ D.
    ///
    /// "Last good" is the latest sound record without a fail verdict dated before F (a
    /// calibration on day F is the one that found the problem), or a later return to
    /// service; with neither, every earlier use is suspect.
    ///
    /// `records` are settled in index order: every record of the network, or those of an
    /// analysis's scope (which holds every record they read).
    ///
    /// - Complexity: O(n + r·e) for n records and r references to items with e events.
    mutating func settleSuspects(of records: some Sequence<RecordIndex>) {
        var lastGoodByEvent: [Int: Day] = [:]
        for record in records {
            let r = record.int
            let day = network.recordDate[r]
            var earliest: Day?
            var cause: Int32 = -1
            for row in network.referenceRange(of: record) {
                let reference = network.references[row]
                if let (found, standard) = directSuspicion(
                    of: reference.item, usedOn: day, lastGoodByEvent: &lastGoodByEvent),
                    earliest.map({ found < $0 }) ?? true
                {
                    earliest = found
                    cause = standard.rawValue
                }
                // A valid anchor is used as such, not through its records; a cycle member
                // does not inherit from another (as in ``judge``).
                if case .record(let used) = network.resolve(reference, of: record),
                    let found = judged.suspectSince[used.int], earliest.map({ found < $0 }) ?? true
                {
                    earliest = found
                    cause = judged.suspectCause[used.int]
                }
            }
            judged.suspectSince[r] = earliest
            judged.suspectCause[r] = cause
        }
    }

    /// The day the standard was found out of tolerance that makes a use on `day` suspect.
    /// `lastGoodByEvent` caches G per out-of-tolerance event (by event row).
    func directSuspicion(
        of standard: ItemIndex, usedOn day: Day, lastGoodByEvent: inout [Int: Day]
    ) -> (Day, ItemIndex)? {
        // Rows by position: most standards have no events, and a slice would be made
        // (and its storage retained) for every reference of every record.
        guard
            let position = network.eventRange(of: standard).first(where: {
                network.events[$0].state == .outOfTolerance && network.events[$0].day >= day
            })
        else { return nil }
        let finding = network.events[position].day
        let good: Day
        if let cached = lastGoodByEvent[position] {
            good = cached
        } else {
            good = lastGood(standard, before: finding)
            lastGoodByEvent[position] = good
        }
        return good <= day ? (finding, standard) : nil
    }

    /// G: the day of the standard's last good calibration (or return to service) before
    /// `finding`, or the earliest representable day when there is none.
    func lastGood(_ standard: ItemIndex, before finding: Day) -> Day {
        var good = Day(ordinal: Int32.min)
        for record in network.records(of: standard).reversed() where network.recordDate[record.int] < finding {
            if judged.sound[record.int], network.recordVerdict[record.int] != .fail {
                good = network.recordDate[record.int]
                break
            }
        }
        for event in network.eventRows(of: standard) where event.day < finding && event.state.isInService {
            good = max(good, event.day)
        }
        return good
    }
}
